// Keyboard shortcuts of a page: Alt+<letter> calls the page's OnShortcut for the letters it registers (the operator workplace:
// Alt+N take next, Alt+S register, Alt+A add another inquiry; Alt+F finds a customer).
window.ktpShortcuts = (function () {
    let handler = null;
    return {
        register(dotnet, keys) {
            const letters = keys ?? ['n', 's', 'a'];
            this.unregister();
            handler = (e) => {
                if (!e.altKey) return;
                // e.code names the physical key, so the shortcuts also work in the Russian layout (where Alt+S types Alt+Ы).
                const key = e.code.startsWith('Key') ? e.code.slice(3).toLowerCase() : '';
                if (key === 'f') { document.getElementById('customer-search')?.focus(); e.preventDefault(); return; }
                if (letters.includes(key)) {
                    // Inputs commit their value on change, which fires on blur: commit the field being typed in first.
                    document.activeElement?.blur();
                    dotnet.invokeMethodAsync('OnShortcut', key);
                    e.preventDefault();
                }
            };
            document.addEventListener('keydown', handler);
        },
        unregister() {
            if (handler) document.removeEventListener('keydown', handler);
            handler = null;
        },
        focus(id) {
            document.getElementById(id)?.focus();
        }
    };
})();
