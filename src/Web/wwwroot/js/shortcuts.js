// Keyboard shortcuts of the operator workplace: Alt+N take next, Alt+S register, Alt+F find customer.
window.ktpShortcuts = (function () {
    let handler = null;
    return {
        register(dotnet) {
            this.unregister();
            handler = (e) => {
                if (!e.altKey) return;
                const key = e.key.toLowerCase();
                if (key === 'f') { document.getElementById('customer-search')?.focus(); e.preventDefault(); return; }
                if (key === 'n' || key === 's') { dotnet.invokeMethodAsync('OnShortcut', key); e.preventDefault(); }
            };
            document.addEventListener('keydown', handler);
        },
        unregister() {
            if (handler) document.removeEventListener('keydown', handler);
            handler = null;
        }
    };
})();
