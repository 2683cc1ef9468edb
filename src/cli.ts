// placeholder: the CLI front door (written by the lead)
console.error('memgate: not built yet'); process.exit(2);
