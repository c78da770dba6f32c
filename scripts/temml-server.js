// LaTeX -> MathML for scripts/maths.py: one JSON request per line on stdin,
// {"latex": "...", "display": true}, one JSON answer per line on stdout,
// {"mathml": "<math>...</math>"} or {"error": "Temml's message"}.
const temml = require("temml");
const readline = require("node:readline");

readline.createInterface({ input: process.stdin }).on("line", (line) => {
  const { latex, display } = JSON.parse(line);
  let answer;
  try {
    answer = { mathml: temml.renderToString(latex, {
      displayMode: display,
      throwOnError: true,
      wrap: "tex",   // inline formulas may break after = and + on a narrow screen, as in TeX
    }) };
  } catch (error) {
    answer = { error: String(error.message || error) };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
});
