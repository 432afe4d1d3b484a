// calendargen: the "Copy address" buttons of feed addresses. Progressive enhancement: a
// button is shown only where the Clipboard API is available (secure pages); without it, or
// without JavaScript, the read-only address field beside it stays there to select and copy.
"use strict";
if (navigator.clipboard && navigator.clipboard.writeText) {
  for (const button of document.querySelectorAll(".address button.copy")) {
    const field = button.parentElement.querySelector("input");
    const label = button.textContent;
    let timer = 0;
    button.setAttribute("aria-live", "polite"); // "Copied" is announced
    button.hidden = false;
    button.addEventListener("click", () => {
      navigator.clipboard.writeText(field.value).then(
        () => {
          button.textContent = button.dataset.copied;
          clearTimeout(timer);
          timer = setTimeout(() => { button.textContent = label; }, 2000);
        },
        () => { field.focus(); field.select(); }, // refused: selected for the keyboard
      );
    });
  }
}
