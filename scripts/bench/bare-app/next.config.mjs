// Next.js defaults. Without this file Next.js would find the project's own config in a parent
// directory and build the baseline with Sanad's settings.
const config = {};

export default config;
