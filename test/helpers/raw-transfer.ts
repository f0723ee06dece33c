/** Whether parse/oxc.ts takes oxc's raw transfer on the running Node: 20.19+, 22.13+, 23.5+, 24+ (where `require` of oxc-parser's ES modules is quiet). */
const [MAJOR = 0, MINOR = 0] = process.versions.node.split(".").map(Number);
export const RAW_TRANSFER = MAJOR >= 24 || (MAJOR === 20 && MINOR >= 19) || (MAJOR === 23 && MINOR >= 5) || (MAJOR === 22 && MINOR >= 13);
