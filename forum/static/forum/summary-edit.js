// The summary editor's "cite a position" search, in place: the text being written stays in
// its box. Without this script the search button saves the draft first, then shows results.
(function () {
  "use strict";
  var button = document.getElementById("picker-search");
  var input = document.getElementById("picker-q");
  if (!button || !input || !window.fetch || !window.DOMParser) return;

  function search(event) {
    event.preventDefault();
    var url = window.location.pathname + "?picker=1&q=" + encodeURIComponent(input.value);
    button.setAttribute("aria-busy", "true");
    fetch(url, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.text();
      })
      .then(function (html) {
        // The server's own fragment, parsed as a document: nothing is run.
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("picker-results");
        var old = document.getElementById("picker-results");
        if (fresh && old) old.replaceWith(document.importNode(fresh, true));
      })
      .catch(function () {
        // Fall back to the form's own path: save the draft, then search.
        button.form.requestSubmit(button);
      })
      .finally(function () {
        button.removeAttribute("aria-busy");
      });
  }

  // With the script, the button only searches, so it says so.
  button.textContent = button.getAttribute("data-label-js") || button.textContent;
  button.addEventListener("click", search);
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter") search(event);
  });
})();
