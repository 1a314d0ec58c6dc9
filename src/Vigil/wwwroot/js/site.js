// Behaviour shared by every page. Listeners sit on the document, so content swapped in later works too.
(() => {
    "use strict";

    document.addEventListener("change", (event) => {
        const select = event.target.closest("select[data-navigate]");
        if (select && select.value) {
            window.location.assign(select.value);
        }
    });

    document.addEventListener("click", async (event) => {
        const button = event.target.closest("button[data-copy]");
        if (!button) {
            return;
        }
        try {
            await navigator.clipboard.writeText(button.dataset.copy);
            const label = button.textContent;
            button.textContent = button.dataset.copied || "✓";
            setTimeout(() => { button.textContent = label; }, 1500);
        } catch {
            // Without clipboard access (plain http on another host) the text stays selectable in the page.
        }
    });
})();
