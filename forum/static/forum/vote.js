// Votes without a page reload. Without JavaScript the same forms post and redirect back.
"use strict";
document.addEventListener("submit", async (event) => {
  const form = event.target.closest("[data-vote-form]");
  if (!form) return;
  const button = event.submitter;
  if (!button || button.name !== "value") return;
  event.preventDefault();
  const data = new FormData(form);
  data.set("value", button.value);
  let response;
  try {
    response = await fetch(form.action, {
      method: "POST",
      body: data,
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    });
  } catch {
    submitPlainly(form, button);
    return;
  }
  if (!response.ok) {
    submitPlainly(form, button);  // the server's page says what went wrong
    return;
  }
  const counts = await response.json();
  const box = form.closest("[data-vote-box]");
  for (const name of ["agree", "disagree", "pass"]) {
    const span = box.querySelector(`[data-count="${name}"]`);
    if (span) span.textContent = span.textContent.replace(/\d+$/, String(counts[name]));
  }
  for (const other of form.querySelectorAll("button[name=value]")) {
    other.setAttribute("aria-pressed", String(Number(other.value) === counts.mine));
  }
});

function submitPlainly(form, button) {
  const value = document.createElement("input");
  value.type = "hidden";
  value.name = "value";
  value.value = button.value;
  form.append(value);
  HTMLFormElement.prototype.submit.call(form);
}
