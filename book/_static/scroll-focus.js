// A display formula wider than the screen scrolls sideways (pydata-sphinx-theme makes its
// mjx-container the scroll box), and so does a figure on a phone (custom.css). A box that
// scrolls must be reachable with the keyboard, so it gets a tab stop while it scrolls and
// loses it when it fits; a formula that fits is not a tab stop. (The theme does the same for
// code blocks, outputs and tables.)
(() => {
  const update = () => {
    const boxes = [
      ["div.math mjx-container", "formula, scrolls sideways"],
      [".cell_output figure", "figure, scrolls sideways"],
    ];
    boxes.forEach(([selector, label]) => document.querySelectorAll(selector).forEach((box) => {
      if (box.scrollWidth > box.clientWidth) {
        box.tabIndex = 0;
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", label);
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
