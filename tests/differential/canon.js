// SPDX-License-Identifier: GPL-3.0-or-later
//
// Differential test: canonicalises every document of a corpus the way
// Digital Bazaar's eddsa-rdfc-2022 does (jsonld.js + rdf-canonize: RDFC-1.0,
// safe mode, rdfDirection "i18n-datatype"), offline, and compares with
// `jalons-cli canon --signing` byte for byte. A document one side refuses
// must be refused by the other.
//
//   node canon.js --contexts DIR --corpus DIR [--cli PATH] [--expected DIR]
//                 [--divergences FILE] [--update]
//
// --divergences names documents Jalons may refuse although jsonld.js accepts
// them (one "NAME reason" a line): Jalons is stricter there on purpose. The
// other way round (Jalons accepting what the reference refuses) is never
// allowed.
// --expected compares the reference output with the committed files
// (NAME.nq, or NAME.refused for a refused document) that the C tests read
// without node; --update rewrites them. Exit status 1 on any difference.
'use strict';

const fs = require('fs');
const path = require('path');
const {execFileSync} = require('child_process');

let jsonld;
try {
  jsonld = require('jsonld');
} catch(e) {
  console.error('jsonld is not installed in tests/differential/node_modules: ' +
    'run build-aux/dev.sh test (it runs npm ci there).');
  process.exit(1);
}

function parseArgs(argv) {
  const args = {update: false};
  for(let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if(a === '--update') {
      args.update = true;
    } else if(a.startsWith('--')) {
      args[a.slice(2)] = argv[++i];
    } else {
      throw new Error(`unexpected argument ${a}`);
    }
  }
  if(!args.contexts || !args.corpus) {
    throw new Error('--contexts and --corpus are required');
  }
  return args;
}

// The bundled contexts (data/contexts/INDEX.tsv), never the network.
function offlineLoader(contextsDir) {
  const index = new Map();
  const lines = fs.readFileSync(path.join(contextsDir, 'INDEX.tsv'), 'utf8')
    .split('\n').slice(1);
  for(const line of lines) {
    const [url, file] = line.split('\t');
    if(url && file) {
      index.set(url, path.join(contextsDir, file.trim()));
    }
  }
  const cache = new Map();
  return async url => {
    const file = index.get(url);
    if(!file) {
      throw new Error(`no bundled context for ${url} (the network is never used)`);
    }
    if(!cache.has(url)) {
      cache.set(url, JSON.parse(fs.readFileSync(file, 'utf8')));
    }
    return {contextUrl: null, documentUrl: url, document: cache.get(url)};
  };
}

async function reference(text, documentLoader) {
  let doc;
  try {
    doc = JSON.parse(text);
  } catch(e) {
    return {refused: `not JSON: ${e.message.split('\n')[0]}`};
  }
  try {
    const nquads = await jsonld.canonize(doc, {
      algorithm: 'RDFC-1.0',
      format: 'application/n-quads',
      safe: true,
      rdfDirection: 'i18n-datatype',
      documentLoader
    });
    return {nquads};
  } catch(e) {
    const ev = e.details && e.details.event;
    return {refused: ev ? `${e.message} (${ev.code})` : e.message};
  }
}

function jalons(cli, file) {
  try {
    const nquads = execFileSync(cli, ['canon', '--signing', file], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {...process.env, LANGUAGE: 'en', LANG: 'C.UTF-8'}
    });
    return {nquads};
  } catch(e) {
    if(typeof e.status !== 'number') {
      throw e;
    }
    return {refused: String(e.stderr).trim()};
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const documentLoader = offlineLoader(args.contexts);
  const names = fs.readdirSync(args.corpus)
    .filter(n => n.endsWith('.json') || n.endsWith('.jsonld')).sort();
  let failures = 0;
  let agree = 0;
  const refusedByBoth = [];
  const divergences = new Map();
  if(args.divergences) {
    for(const line of fs.readFileSync(args.divergences, 'utf8').split('\n')) {
      const m = line.match(/^(\S+\.json(?:ld)?)\s+(.*)$/);
      if(m) {
        divergences.set(m[1], m[2]);
      }
    }
  }
  let diverged = 0;

  for(const name of names) {
    const file = path.join(args.corpus, name);
    const base = name.replace(/\.json(ld)?$/, '');
    const ref = await reference(fs.readFileSync(file, 'utf8'), documentLoader);

    if(args.expected) {
      const nq = path.join(args.expected, base + '.nq');
      const refused = path.join(args.expected, base + '.refused');
      if(args.update) {
        fs.rmSync(nq, {force: true});
        fs.rmSync(refused, {force: true});
        if(ref.refused) {
          fs.writeFileSync(refused, ref.refused + '\n');
        } else {
          fs.writeFileSync(nq, ref.nquads);
        }
      } else if(ref.refused ? !fs.existsSync(refused) :
        (!fs.existsSync(nq) || fs.readFileSync(nq, 'utf8') !== ref.nquads)) {
        console.log(`not ok - ${name}: jsonld.js output differs from ` +
          `${path.basename(args.expected)}/${base}.{nq,refused} (run canon.js --update?)`);
        failures++;
      }
    }

    if(!args.cli) {
      continue;
    }
    const ours = jalons(args.cli, file);
    if(ref.refused && ours.refused) {
      refusedByBoth.push(name);
      console.log(`ok - ${name}: refused by both`);
      console.log(`#   jsonld.js: ${ref.refused}`);
      console.log(`#   jalons:    ${ours.refused}`);
    } else if(ref.refused) {
      console.log(`not ok - ${name}: jsonld.js refuses (${ref.refused}), jalons accepts`);
      failures++;
    } else if(ours.refused && divergences.has(name)) {
      console.log(`ok - ${name}: jalons refuses, jsonld.js accepts: known ` +
        `divergence (${divergences.get(name)})`);
      console.log(`#   jalons:    ${ours.refused}`);
      diverged++;
    } else if(ours.refused) {
      console.log(`not ok - ${name}: jalons refuses (${ours.refused}), jsonld.js accepts`);
      failures++;
    } else if(ref.nquads !== ours.nquads) {
      console.log(`not ok - ${name}: canonical N-Quads differ`);
      console.log('# jsonld.js:\n' + ref.nquads.replace(/^/gm, '#   '));
      console.log('# jalons:\n' + ours.nquads.replace(/^/gm, '#   '));
      failures++;
    } else {
      agree++;
      console.log(`ok - ${name}`);
      if(divergences.has(name)) {
        console.log(`not ok - ${name} is listed in ` +
          `${path.basename(args.divergences)} but both agree: remove it`);
        failures++;
      }
    }
  }
  console.log(`# ${names.length} documents: ${agree} identical, ` +
    `${refusedByBoth.length} refused by both, ${diverged} known divergences, ` +
    `${failures} failures`);
  process.exit(failures === 0 ? 0 : 1);
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
