// Stand-in for a chart or map library that was not installed when dyad was built.
// Install them from the npm registry and rebuild:  npm ci --prefix web && cargo build --release
(function () {
  const note = "The dashboard's chart and map libraries were not installed when dyad was built: " +
    "run `npm ci --prefix web` and rebuild.";
  document.addEventListener("DOMContentLoaded", function () {
    const box = document.getElementById("errors");
    if (box) {
      box.hidden = false;
      box.textContent = note;
    }
  });
})();
