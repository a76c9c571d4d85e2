// Vite bundles imported CSS into a file linked from index.html; the import itself has no value.
declare module '*.css';
