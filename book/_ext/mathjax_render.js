// Typesets TeX as MathJax CommonHTML for the book's build (book/_ext/mathjax_local.py).
// Reads one JSON request a line on stdin and answers one JSON line on stdout:
//   {"tex": "...", "display": true}  ->  {"html": "<mjx-container ...>"} or {"error": "..."}
//   {"stylesheet": true}             ->  {"css": "..."}  (the CSS of every formula so far)
// Usage: node mathjax_render.js <MathJax 3 folder> <font URL as the stylesheet will see it>
const path = require("path");
const readline = require("readline");
const [mathjaxDir, fontURL] = process.argv.slice(2);

require(path.join(mathjaxDir, "node-main.js")).init({
  loader: {
    paths: {mathjax: mathjaxDir},
    load: ["adaptors/liteDOM", "input/tex-base", "[tex]/ams", "[tex]/noundefined", "[tex]/autoload",
           "output/chtml", "a11y/assistive-mml"],
  },
  tex: {
    packages: {"[+]": ["ams", "noundefined", "autoload"]},
    // A TeX error fails the build instead of showing red text to the reader.
    formatError: (jax, error) => { throw error; },
  },
  chtml: {fontURL},
  startup: {typeset: false},
}).then((MathJax) => {
  const adaptor = MathJax.startup.adaptor;
  const lines = readline.createInterface({input: process.stdin});
  let queue = Promise.resolve();
  lines.on("line", (line) => {
    queue = queue.then(async () => {
      const request = JSON.parse(line);
      let answer;
      try {
        if (request.stylesheet) {
          answer = {css: adaptor.textContent(MathJax.chtmlStylesheet())};
        } else {
          const node = await MathJax.tex2chtmlPromise(request.tex, {display: request.display});
          answer = {html: adaptor.outerHTML(node)};
        }
      } catch (error) {
        answer = {error: String(error && error.message || error)};
      }
      process.stdout.write(JSON.stringify(answer) + "\n");
    });
  });
}).catch((error) => {
  process.stderr.write(`MathJax did not start: ${error}\n`);
  process.exit(1);
});
