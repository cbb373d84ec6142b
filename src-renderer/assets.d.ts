/** Stylesheets imported for their side effect (Vite bundles them, with the fonts they name). */
declare module '*.css';
