// placeholder: the Node probe
export {};
