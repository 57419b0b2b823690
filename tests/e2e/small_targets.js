// Links and buttons under 24 × 24 px; test_screens.py explains the exemptions.
(() => {
  const inText = (el) => !!el.closest("p, .prose, dd, td, .fine-print, figcaption, label, .breadcrumb-text");
  const small = [];
  for (const el of document.querySelectorAll("a[href], button, select, input:not([type=hidden]), summary")) {
    const box = el.getBoundingClientRect();
    // Not rendered, or inside a closed <details>: nobody can tap it.
    if (!el.checkVisibility({ contentVisibilityAuto: true, visibilityProperty: true })) continue;
    if (el.closest("details:not([open])") && !el.matches("details > summary")) continue;
    if (el.closest("#krds-skip-link")) continue;   // off screen until focused, then large
    if (el.tagName === "A" && inText(el)) continue;
    if (box.width < 24 || box.height < 24) {
      small.push(`${el.tagName.toLowerCase()} "${(el.innerText || el.value || el.name || "").trim().slice(0, 40)}" ${Math.round(box.width)}×${Math.round(box.height)}`);
    }
  }
  return small;
})
