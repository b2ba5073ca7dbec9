import type { PaperInput } from '../../src/ingest/paper-input.js';

/** A small deterministic PRNG (mulberry32), so a generated corpus is the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const METHODS: [string, string][] = [
  ['sparse mixture routing', 'SMR'],
  ['contrastive graph pretraining', 'CGP'],
  ['latent diffusion model', 'LDM'],
  ['multi-head latent attention', 'MLA'],
  ['concept bottleneck model', 'CBM'],
  ['information bottleneck', 'IB'],
  ['retrieval augmented generation', 'RAG'],
  ['low-rank adaptation', 'LoRA'],
  ['neural radiance field', 'NeRF'],
  ['direct preference optimization', 'DPO'],
  ['state space model', 'SSM'],
  ['vision transformer', 'ViT'],
  ['graph attention network', 'GAT'],
  ['variational autoencoder', 'VAE'],
  ['proximal policy optimization', 'PPO'],
  ['neural architecture search', 'NAS'],
  ['masked image modeling', 'MIM'],
  ['knowledge distillation', 'KD'],
  ['generative adversarial network', 'GAN'],
  ['mixture of experts', 'MoE'],
  ['chain of thought prompting', 'CoT'],
  ['spiking neural network', 'SNN'],
  ['optimal transport', 'OT'],
  ['conformal prediction', 'CP'],
];
const TASKS = [
  'image segmentation', 'protein folding', 'code generation', 'speech recognition', 'graph classification',
  'machine translation', 'time series forecasting', 'question answering', 'object detection', 'anomaly detection',
  'drug discovery', 'weather forecasting', 'text summarization', 'depth estimation', 'recommendation', 'robot navigation',
];
const DATASETS = ['ImageNet', 'COCO', 'LibriSpeech', 'HumanEval', 'OGB', 'SQuAD'];
const VERBS = ['improves', 'stabilises', 'accelerates', 'regularises', 'simplifies'];

/**
 * `n` synthetic papers in the style of real abstracts: named methods with acronym definitions,
 * tasks, datasets and code links, so extraction finds concepts, co-occurrence and repositories.
 * Deterministic for a given seed; ids are explicit so files of any size never collide.
 */
export function generatedCorpus(n: number, seed = 7): PaperInput[] {
  const next = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  return Array.from({ length: n }, (_, i) => {
    const [method, acronym] = pick(METHODS);
    const [other, otherAcronym] = pick(METHODS);
    const task = pick(TASKS);
    const dataset = pick(DATASETS);
    const code = next() < 0.3 ? ` Code is available at https://github.com/lab${i % 40}/${acronym.toLowerCase()}-${i % 13}.` : '';
    return {
      id: `gen-${seed}-${i}`,
      title: `${method[0]!.toUpperCase()}${method.slice(1)} for ${task} (study ${i})`,
      abstract:
        `We introduce ${method} (${acronym}) for ${task}. ${acronym} ${pick(VERBS)} ${other} (${otherAcronym}) ` +
        `on ${dataset} and reduces the cost of ${task}. Unlike ${pick(METHODS)[0]}, it transfers to ${pick(TASKS)}.${code}`,
      year: 2015 + Math.floor(next() * 10),
    };
  });
}

/** Papers as a JSON Lines file body. */
export function toJsonl(papers: readonly PaperInput[]): string {
  return `${papers.map((p) => JSON.stringify(p)).join('\n')}\n`;
}
