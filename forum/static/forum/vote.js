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
  drawSplit(box, counts);
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

// The small bar beside the counts: attributes only, as the server draws it (no styles: CSP).
function drawSplit(box, counts) {
  const bar = box.querySelector("[data-vote-bar]");
  if (!bar) return;
  const total = counts.agree + counts.disagree + counts.pass;
  bar.setAttribute("viewBox", `0 0 ${total || 1} 1`);
  for (const name of ["agree", "disagree", "pass"]) {
    bar.querySelector(`[data-bar="${name}"]`)?.setAttribute("width", String(counts[name]));
    bar.querySelector(`[data-shift="${name}"]`)?.setAttribute("transform", `translate(${counts[name]} 0)`);
  }
}
