/**
 * A deterministic synthetic corpus for the benchmark: research abstracts composed from a
 * vocabulary of technical terms, with the statistics an extractor meets in real corpora
 * (Zipf-distributed terms, topical clusters so terms co-occur, acronym definitions followed by
 * acronym uses, nested terms such as "graph neural network" / "neural network", code links).
 *
 * Same seed and size: the same corpus, byte for byte, on every machine. Paper `i` depends only
 * on the seed and `i`, so the first 1,000 papers of the 10k corpus are the 1k corpus, and a
 * corpus can be streamed in constant memory.
 */
import { seededRandom } from '../graph/random.js';

/** One generated paper in arXiv metadata form (what `kg ingest --format arxiv` reads). */
export interface SyntheticPaper {
  id: string;
  title: string;
  abstract: string;
  authors: string;
  categories: string;
  update_date: string;
}

export interface CorpusOptions {
  /** Default 7. */
  seed?: number;
  /** Number of the first paper (default 0): paper `i` is always the same paper. */
  offset?: number;
}

const MODIFIERS = [
  'graph', 'contrastive', 'variational', 'sparse', 'latent', 'diffusion', 'recurrent', 'convolutional', 'adversarial',
  'bayesian', 'causal', 'federated', 'hierarchical', 'multimodal', 'self-supervised', 'probabilistic', 'differentiable',
  'equivariant', 'autoregressive', 'generative', 'discriminative', 'spectral', 'temporal', 'spatial', 'semantic',
  'neural', 'stochastic', 'robust', 'low-rank', 'quantized', 'distributed', 'online', 'offline', 'meta', 'kernel',
  'energy-based', 'score-based', 'physics-informed', 'retrieval-augmented', 'instruction-tuned', 'mixture-of-experts',
  'sequence', 'vision', 'speech', 'protein', 'molecular', 'knowledge', 'reinforcement', 'policy', 'value', 'reward',
  'transformer', 'attention', 'token', 'patch', 'point cloud', 'mesh', 'video', 'audio', 'text', 'code', 'image',
  'language', 'dialogue', 'question', 'document', 'entity', 'relation', 'event', 'scene', 'object', 'depth', 'motion',
  'gradient', 'optimization', 'curriculum', 'continual', 'few-shot', 'zero-shot', 'cross-lingual', 'domain', 'uncertainty',
];

const HEADS = [
  'neural network', 'autoencoder', 'attention mechanism', 'language model', 'embedding', 'encoder', 'decoder',
  'classifier', 'representation learning', 'optimisation method', 'sampling scheme', 'loss function', 'regularisation',
  'inference', 'estimator', 'benchmark', 'dataset', 'architecture', 'pretraining', 'fine-tuning', 'distillation',
  'segmentation', 'detection', 'tracking', 'retrieval', 'generation', 'translation', 'summarisation', 'parsing',
  'alignment', 'calibration', 'compression', 'pruning', 'planning', 'exploration', 'control', 'simulation',
  'reconstruction', 'denoising', 'clustering', 'graph partitioning', 'message passing', 'tokenizer', 'memory module',
  'world model', 'reward model', 'value function', 'policy gradient', 'search algorithm', 'kernel method',
];

const DATASETS = ['ImageNet', 'COCO', 'CIFAR-10', 'SQuAD', 'GLUE', 'WikiText-103', 'LibriSpeech', 'Kinetics', 'ShapeNet', 'MIMIC-III', 'OGB', 'Atari', 'MuJoCo', 'HumanEval', 'MMLU'];
const SYSTEMS = ['Perceiver', 'GraphSAGE', 'AlphaFold', 'BERT', 'CLIP', 'DINO', 'LLaMA', 'Mamba', 'NeRF', 'PointNet', 'Whisper', 'U-Net', 'ResNet', 'ViT', 'T5'];
const SURNAMES = ['Smith', 'Wang', 'Garcia', 'Müller', 'Kim', 'Rossi', 'Nakamura', 'Okafor', 'Dubois', 'Kowalski', 'Silva', 'Chen', 'Ivanova', 'Haddad', 'Larsen'];
const CATEGORIES = ['cs.LG', 'cs.CL', 'cs.CV', 'cs.AI', 'stat.ML', 'cs.RO', 'cs.IR', 'q-bio.QM', 'eess.AS', 'cs.NE'];

/** Number of composed terms; a corpus of N papers meets roughly a Heaps'-law share of them. */
const VOCABULARY_SIZE = 40_000;
/** Topics: each paper draws most of its terms from one topic's slice of the vocabulary. */
const TOPICS = 400;

/** One vocabulary term: its words, and an acronym for multi-word terms that have one. */
interface Term {
  text: string;
  acronym: string | null;
}

let vocabulary: Term[] | null = null;

/** The vocabulary, the same for every seed (the seed varies the corpus, not the language). */
function terms(): Term[] {
  if (vocabulary) return vocabulary;
  const rand = seededRandom(1);
  const seen = new Set<string>();
  const list: Term[] = [];
  while (list.length < VOCABULARY_SIZE) {
    const head = pick(HEADS, rand);
    const n = rand() < 0.5 ? 1 : rand() < 0.85 ? 2 : 3;
    const mods: string[] = [];
    for (let i = 0; i < n; i++) {
      const m = pick(MODIFIERS, rand);
      if (!mods.includes(m) && !head.includes(m)) mods.push(m);
    }
    const text = [...mods, head].join(' ');
    if (seen.has(text)) continue;
    seen.add(text);
    const words = text.split(/[\s-]+/);
    const acronym = words.length >= 3 && rand() < 0.3 ? words.map((w) => w[0]!.toUpperCase()).join('') : null;
    list.push({ text, acronym });
  }
  vocabulary = list;
  return list;
}

function pick<T>(items: readonly T[], rand: () => number): T {
  return items[Math.floor(rand() * items.length)]!;
}

/** Zipf-like rank in [0, n): small ranks far more often (s about 1). */
function zipf(n: number, rand: () => number): number {
  // Inverse of the continuous 1/x law on [1, n + 1).
  return Math.min(n - 1, Math.floor(Math.exp(rand() * Math.log(n + 1)) - 1));
}

/**
 * A topic's term: mostly from the topic's own slice, sometimes from another topic's. Topics and
 * terms within a topic are Zipf-distributed, so the commonest term is in about a tenth of the
 * papers (as "neural network" or "language model" are in real corpora), not in all of them.
 */
function topicTerm(topic: number, rand: () => number): Term {
  const vocab = terms();
  const slice = Math.floor(vocab.length / TOPICS);
  const t = rand() < 0.2 ? zipf(TOPICS, rand) : topic;
  return vocab[t * slice + zipf(slice, rand)]!;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

type Slots = Record<'main' | 'b' | 'c' | 'd' | 'e' | 'f' | 'g' | 'h' | 'x' | 'y' | 'dataset' | 'dataset2' | 'system' | 'n', string>;

/** Sentence frames, several per role, so no fixed phrase of the frames is in every paper. */
const FRAMES: Record<'context' | 'proposal' | 'contrast' | 'theory' | 'results' | 'extension' | 'ablation', ((s: Slots) => string)[]> = {
  context: [
    (s) => `${capitalise(s.x)} has become central to ${s.b}, yet ${s.c} remains difficult to scale.`,
    (s) => `Recent work on ${s.x} has improved ${s.b}, but ${s.c} is still poorly understood.`,
    (s) => `${capitalise(s.x)} is widely used for ${s.b}; however, existing ${s.c} methods are costly.`,
    (s) => `Despite progress in ${s.x}, ${s.b} and ${s.c} remain open.`,
    (s) => `Many applications of ${s.b} rely on ${s.x}, which limits ${s.c}.`,
    (s) => `${capitalise(s.x)} and ${s.b} underpin current ${s.c} pipelines.`,
  ],
  proposal: [
    (s) => `We propose a ${s.main} that combines ${s.d} with ${s.e}.`,
    (s) => `In this paper, we introduce a ${s.main} built on ${s.d} and ${s.e}.`,
    (s) => `We present a ${s.main}, which couples ${s.d} with ${s.e}.`,
    (s) => `This work develops a ${s.main} using ${s.d} together with ${s.e}.`,
    (s) => `Our ${s.main} integrates ${s.d} into ${s.e}.`,
  ],
  contrast: [
    (s) => `Unlike prior ${s.c} approaches, it learns ${s.f} directly from data without ${s.g}.`,
    (s) => `Compared with ${s.c}, our model handles ${s.f} and does not require ${s.g}.`,
    (s) => `The main idea is to replace ${s.c} by ${s.f}, avoiding ${s.g}.`,
    (s) => `It treats ${s.f} as a special case of ${s.c} and removes the need for ${s.g}.`,
    (s) => `Where ${s.c} needs ${s.g}, we obtain ${s.f} at no extra cost.`,
  ],
  theory: [
    (s) => `We analyse the ${s.main} theoretically and prove convergence under conditions on the ${s.h}.`,
    (s) => `A theoretical analysis shows that the ${s.main} is consistent when the ${s.h} is bounded.`,
    (s) => `We derive guarantees for the ${s.main} that depend on the ${s.h}.`,
    (s) => `We show that the ${s.h} controls how fast the ${s.main} converges.`,
  ],
  results: [
    (s) => `Experiments on ${s.dataset} show that the ${s.main} outperforms ${s.system} and ${s.d} baselines by ${s.n}%.`,
    (s) => `On ${s.dataset}, the ${s.main} improves over ${s.system} by ${s.n}% while using less compute.`,
    (s) => `Results on ${s.dataset} and ${s.dataset2} confirm gains of ${s.n}% over ${s.d}.`,
    (s) => `Evaluated on ${s.dataset}, it matches ${s.system} with ${s.n}% fewer parameters.`,
    (s) => `Across ${s.dataset} and ${s.dataset2}, the ${s.main} reduces error by ${s.n}% relative to ${s.system}.`,
  ],
  extension: [
    (s) => `We further apply ${s.b} and ${s.x} to ${s.y}, where ${s.c} improves ${s.e}.`,
    (s) => `The same ${s.e} also benefits ${s.y} and ${s.b}.`,
    (s) => `Extending the ${s.main} to ${s.y} requires only ${s.x}.`,
  ],
  ablation: [
    (s) => `Ablations reveal that ${s.x} and the ${s.f} account for most of the gain.`,
    (s) => `Removing ${s.f} or ${s.x} hurts accuracy the most.`,
    (s) => `An ablation study isolates the effect of ${s.f}.`,
  ],
};

/** Paper `index` of the corpus of `seed`. */
export function syntheticPaper(index: number, seed = 7): SyntheticPaper {
  const rand = seededRandom((seed * 0x9e3779b1) ^ (index * 0x85ebca6b) ^ 0x2545f491);
  const topic = zipf(TOPICS, rand);
  const main = topicTerm(topic, rand);
  const other = () => topicTerm(topic, rand);
  const introduced = new Set<string>();
  /** A term as written: its long form with the acronym the first time, the acronym after. */
  const say = (t: Term) => {
    if (!t.acronym) return t.text;
    if (introduced.has(t.text)) return t.acronym;
    introduced.add(t.text);
    return `${t.text} (${t.acronym})`;
  };
  const [b, c, d, e, f] = [other(), other(), other(), other(), other()];
  // Getters: a term is written (and its acronym introduced) only when a frame uses it.
  const slots: Slots = {
    get main() { return say(main); },
    get b() { return say(b); },
    get c() { return say(c); },
    get d() { return say(d); },
    get e() { return say(e); },
    get f() { return say(f); },
    get g() { return other().text; },
    get h() { return other().text; },
    get x() { return other().text; },
    get y() { return other().text; },
    get dataset() { return pick(DATASETS, rand); },
    get dataset2() { return pick(DATASETS, rand); },
    get system() { return pick(SYSTEMS, rand); },
    get n() { return String(2 + Math.floor(rand() * 18)); },
  };
  const sentence = (role: keyof typeof FRAMES) => pick(FRAMES[role], rand)(slots);
  const sentences = [sentence('context'), sentence('proposal'), sentence('contrast')];
  if (rand() < 0.6) sentences.push(sentence('theory'));
  sentences.push(sentence('results'));
  if (rand() < 0.4) sentences.push(sentence('extension'));
  if (rand() < 0.25) sentences.push(sentence('ablation'));
  if (rand() < 0.15) {
    sentences.push(`Code is available at https://github.com/${pick(SURNAMES, rand).toLowerCase()}-lab/${main.text.replace(/\s+/g, '-')}-${index % 97}.`);
  }
  const title =
    rand() < 0.5
      ? `${capitalise(main.text)} for ${capitalise(b.text)}`
      : `${pick(['Scalable', 'Efficient', 'Towards', 'Rethinking', 'Learning'], rand)} ${capitalise(main.text)} with ${capitalise(d.text)}`;
  const year = 2015 + (index % 10);
  const month = 1 + (index % 12);
  const authors = Array.from({ length: 1 + Math.floor(rand() * 4) }, () => `${String.fromCharCode(65 + Math.floor(rand() * 26))}. ${pick(SURNAMES, rand)}`);
  return {
    id: `${String(year % 100).padStart(2, '0')}${String(month).padStart(2, '0')}.${String(index).padStart(6, '0')}`,
    title,
    abstract: sentences.join(' '),
    authors: authors.join(', '),
    categories: [...new Set([CATEGORIES[topic % CATEGORIES.length]!, pick(CATEGORIES, rand)])].join(' '),
    update_date: `${year}-${String(month).padStart(2, '0')}-${String(1 + (index % 28)).padStart(2, '0')}`,
  };
}

/** Papers `offset` .. `offset + size - 1` of the corpus of `seed`, generated lazily. */
export function* syntheticCorpus(size: number, options: CorpusOptions = {}): Generator<SyntheticPaper> {
  const seed = options.seed ?? 7;
  const offset = options.offset ?? 0;
  for (let i = 0; i < size; i++) yield syntheticPaper(offset + i, seed);
}

/** The corpus as arXiv JSON Lines text (one line per paper, newline-terminated). */
export function* syntheticCorpusLines(size: number, options: CorpusOptions = {}): Generator<string> {
  for (const paper of syntheticCorpus(size, options)) yield `${JSON.stringify(paper)}\n`;
}
