// A display formula wider than the screen scrolls sideways (pydata-sphinx-theme makes its
// mjx-container the scroll box), and so does a figure on a phone (custom.css). A box that
// scrolls must be reachable with the keyboard, so it gets a tab stop while it scrolls and
// loses it when it fits; a formula that fits is not a tab stop. (The theme does the same for
// code blocks, outputs and tables.)
// Such a box is a region landmark, and a page's landmarks need names of their own (axe:
// landmark-unique): a figure is named by its number ("Fig. 2"), a formula by its place
// among the page's display formulas.
(() => {
  const figureName = (figure, index) => {
    const number = figure.querySelector("figcaption .caption-number");
    return number ? number.textContent.trim() : `figure ${index + 1}`;
  };
  const update = () => {
    const boxes = [
      ["div.math mjx-container", (box, index) => `formula ${index + 1}`],
      [".cell_output figure", figureName],
    ];
    boxes.forEach(([selector, name]) => document.querySelectorAll(selector).forEach((box, index) => {
      if (box.scrollWidth > box.clientWidth) {
        box.tabIndex = 0;
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", `${name(box, index)}, scrolls sideways`);
      } else {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    }));
  };
  let timer = null;
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(update, 200);
  };
  window.addEventListener("resize", later);
  window.addEventListener("load", update);
})();
