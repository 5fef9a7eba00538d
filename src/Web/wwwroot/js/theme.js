// The user's light/dark choice, kept in this browser.
window.ktpTheme = {
    get() { return localStorage.getItem('ktp-theme'); },
    set(value) { localStorage.setItem('ktp-theme', value); }
};
