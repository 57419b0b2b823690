// Links and buttons under 24 × 24 px; test_screens.py explains the exemptions.
(() => {
  const inText = (el) => !!el.closest("p, .prose, dd, td, .fine-print, figcaption, label, .breadcrumb-text");
  const small = [];
  for (const el of document.querySelectorAll("a[href], button, select, input:not([type=hidden]), summary")) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;   // not rendered
    if (el.matches(".skip-link, .krds-skip-link a") ) continue;   // off screen until focused
    if (el.tagName === "A" && inText(el)) continue;
    if (box.width < 24 || box.height < 24) {
      small.push(`${el.tagName.toLowerCase()} "${(el.innerText || el.value || el.name || "").trim().slice(0, 40)}" ${Math.round(box.width)}×${Math.round(box.height)}`);
    }
  }
  return small;
})
