const nlp=require('compromise');
const fs=require('fs');
const src=fs.readFileSync('tests/ingest/extract.test.ts','utf8');
const m=src.match(/gating network[^\n]*/g); 
const t=process.argv[2];
const d=nlp.tokenize(t); d.compute(['alias','machine','index','id','freeze','lexicon','preTagger','contractionTwo']);
console.log(d.json().flatMap(s=>s.terms.map(x=>x.text+'/'+x.tags.join(','))).join(' '));
console.log(nlp(t).json().flatMap(s=>s.terms.map(x=>x.text+'/'+x.tags.join(','))).join(' '));
