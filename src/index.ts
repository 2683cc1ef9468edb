// placeholder: the Action entry (src/main.ts)
export {};
