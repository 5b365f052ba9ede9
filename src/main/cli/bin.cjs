#!/usr/bin/env node
// `npx sotong` right after `npm ci`: run the TypeScript CLI through tsx, no build step.
require('tsx/cjs/api').register();
require('./main.ts')
  .main(process.argv)
  .then((code) => {
    process.exitCode = code;
  });
