/**
 * Runs before first paint (inline, with the CSP nonce) so a stored theme never
 * flashes. No stored choice = no class = the system preference (globals.css).
 */
export const THEME_STORAGE_KEY = "console-theme";

export const THEME_BOOT_SCRIPT = `try{var t=localStorage.getItem("${THEME_STORAGE_KEY}");if(t==="dark"||t==="light"){document.documentElement.classList.add(t)}}catch(e){}`;
