// Deterministic generator of a large Chinese plain-text document made of many
// speeches, for the benchmark, and its Markdown twin for the peer server.
//
// All vocabulary below is written for this benchmark (no text is taken from a
// corpus). The document exercises every style a speech collection uses: title
// lines ending in 篇N, 一、 （一） 1. （1） headings (stand-alone and run-in),
// 一是/二是 run-in points (with nested 一要 lists now and then), and long
// paragraphs indented with U+3000 U+3000, plus prose lines that merely look
// like markers (一方面 一些 十分 两个 2023年 1.5万 （2024年）).

import { Heading, Outline } from '../../server/src/engine';

/** mulberry32: small, fast, and the same sequence on every platform. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const INDENT = '\u3000\u3000';

const CN = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五', '十六', '十七', '十八', '十九', '二十'];

// ---------------------------------------------------------------- vocabulary

const PLACES = ['全市', '全县', '全区', '全省', '全镇', '本系统', '全局', '各乡镇', '开发区', '新城片区'];
const FIELDS = [
  '乡村振兴', '安全生产', '营商环境', '生态环境保护', '基层治理', '民生保障', '科技创新', '招商引资',
  '防汛抗旱', '城市更新', '数字政府建设', '文明城市创建', '财政预算管理', '教育高质量发展', '医疗卫生服务',
  '粮食生产', '森林防火', '信访维稳', '河湖长制', '交通运输', '作风建设', '人才引育', '农村人居环境整治',
  '产业园区建设', '市场监管', '消防救援', '老旧小区改造', '就业创业', '社会救助', '档案管理',
];
const MEETINGS = ['工作会议', '推进会', '动员部署会', '专题会议', '座谈会', '现场观摩会', '总结表彰大会', '调度会', '务虚会', '培训班开班仪式'];
const ACTORS = [
  '各级各部门', '各乡镇街道', '各牵头单位', '广大党员干部', '各级领导干部', '相关职能部门', '各责任单位',
  '基层一线同志', '各级党组织', '主要负责同志', '分管领导', '各工作专班', '市直各单位', '村社区两委',
];
const VERBS = [
  '牢牢把握', '扎实推进', '全面落实', '持续深化', '统筹抓好', '切实强化', '认真研究', '着力破解', '加快补齐',
  '不断完善', '主动对接', '精心组织', '从严抓好', '稳步推进', '系统谋划', '坚决守住', '用心用情做好', '大力培育',
];
const OBJECTS = [
  '重点任务的落地见效', '群众反映强烈的突出问题', '项目建设的关键环节', '制度机制的衔接配套', '风险隐患的排查整治',
  '基层基础的薄弱短板', '资金资源的统筹使用', '考核评价的导向作用', '服务企业的全流程', '干部队伍的能力素质',
  '部门之间的协同联动', '数据信息的互联共享', '责任链条的层层传导', '政策措施的精准发力', '工作台账的动态管理',
  '群众身边的小事难事', '监督检查的常态长效', '应急处置的反应速度', '公共服务的均衡可及', '历史遗留的矛盾问题',
];
const MANNERS = [
  '一项一项抓落实', '一个环节一个环节地盯紧', '以钉钉子精神久久为功', '在细和实上下功夫', '做到底数清情况明',
  '既要立足当前又要着眼长远', '真正把功夫下在平时', '坚持目标导向和问题导向相统一', '拿出过硬的举措',
  '不折不扣地推动落实', '敢于较真碰硬', '确保各项工作有序衔接', '形成上下联动的工作格局', '把好事办好把实事办实',
];
const RESULTS = [
  '推动各项工作迈上新台阶', '切实增强人民群众的获得感', '为全年目标任务的完成打下坚实基础', '努力交出一份满意的答卷',
  '确保不出现大的反复', '让发展成果更多更公平地惠及群众', '以实际成效检验工作成色', '营造干事创业的浓厚氛围',
  '持续巩固来之不易的良好局面', '在新的起点上实现更大突破',
];
const CONNECTIVES = ['同时', '此外', '另一方面', '与此同时', '在此基础上', '更为重要的是', '从实践看', '总的来说', '应当看到', '必须清醒地认识到'];
const FACTS = [
  '去年以来我们克服了多重困难', '各项主要指标总体保持平稳', '部分领域仍然存在不少短板', '一些深层次矛盾还没有根本解决',
  '基层反映的问题比较集中', '外部环境的不确定性明显增多', '群众的期待越来越高', '同先进地区相比还有不小差距',
  '工作推进中还有不平衡的现象', '个别单位存在等靠要思想',
];
const NUMBERS = ['12', '35', '128', '2.6', '18.5', '460', '9', '73', '1.2', '306'];
const UNITS = ['个项目', '亿元', '万人次', '个百分点', '公里', '家企业', '项任务', '个村', '万平方米', '条意见建议'];

const TITLE_GOALS = [
  '提高政治站位', '聚焦重点难点', '压紧压实责任', '强化要素保障', '坚持改革创新', '注重统筹协调', '加强组织领导',
  '严格督查考核', '深化作风转变', '守住安全底线', '抓好宣传引导', '完善体制机制', '夯实基层基础', '突出示范带动',
];
const TITLE_AIMS = [
  '切实增强做好工作的责任感和紧迫感', '全力推动各项任务落地见效', '着力构建长效管理机制', '以更大力度破解发展难题',
  '确保全年目标任务圆满完成', '不断开创工作新局面', '持续提升群众满意度', '为高质量发展提供有力支撑',
];

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)];
}

/** Inclusive integer range. */
function between(rand: () => number, lo: number, hi: number): number {
  return lo + Math.floor(rand() * (hi - lo + 1));
}

// ------------------------------------------------------------------ sentences

function clause(rand: () => number): string {
  switch (Math.floor(rand() * 5)) {
    case 0:
      return `${pick(rand, ACTORS)}要${pick(rand, VERBS)}${pick(rand, OBJECTS)}，${pick(rand, MANNERS)}`;
    case 1:
      return `${pick(rand, CONNECTIVES)}，${pick(rand, FACTS)}，${pick(rand, ACTORS)}必须${pick(rand, VERBS)}${pick(rand, OBJECTS)}`;
    case 2:
      return `今年以来共完成${pick(rand, NUMBERS)}${pick(rand, UNITS)}，比上年增长${pick(rand, NUMBERS)}%，${pick(rand, RESULTS)}`;
    case 3:
      return `要坚持${pick(rand, VERBS)}${pick(rand, OBJECTS)}，${pick(rand, MANNERS)}，${pick(rand, RESULTS)}`;
    default:
      return `${pick(rand, FACTS)}，对此${pick(rand, ACTORS)}务必${pick(rand, MANNERS)}`;
  }
}

function sentence(rand: () => number): string {
  const end = rand() < 0.9 ? '。' : '！';
  return clause(rand) + end;
}

/** Prose that starts like a marker but is none (the engine must reject it). */
const DECOY_STARTS = ['一方面，', '一些地方', '十分重要的是，', '两个方面的问题', '2023年以来，', '1.5万户群众', '一年来，', '（2024年）'];

function paragraph(rand: () => number, sentences: number): string {
  let text = INDENT;
  if (rand() < 0.06) text += pick(rand, DECOY_STARTS);
  for (let i = 0; i < sentences; i++) text += sentence(rand);
  return text;
}

/** Chance that a section at each level (1 = under 一、) has numbered sub-headings. */
const SUB_HEADINGS = [0, 0.8, 0.3, 0.2];
/** Chance that a section has a run of 一是 二是 points. */
const POINTS = 0.2;

function headingTitle(rand: () => number): string {
  return rand() < 0.5 ? `${pick(rand, TITLE_GOALS)}，${pick(rand, TITLE_AIMS)}` : `${pick(rand, VERBS)}${pick(rand, OBJECTS)}`;
}

// ------------------------------------------------------------------- document

export interface GenerateOptions {
  seed: number;
  /** Stop after the speech that brings the UTF-8 size to at least this. */
  targetBytes: number;
  /** Sentences per ordinary paragraph, on average; sets bytes per heading. */
  sentencesPerParagraph: number;
}

export const DEFAULT_GENERATE: GenerateOptions = {
  seed: 20240601,
  targetBytes: 10_600_000,
  sentencesPerParagraph: 8,
};

/**
 * A collection of speeches, one line per paragraph, \n line breaks. The
 * UTF-8 size is at least targetBytes (≈ 10 MB by default), with ≈ 1 heading
 * per KB.
 */
export function generateDocument(options: GenerateOptions = DEFAULT_GENERATE): string {
  const rand = prng(options.seed);
  const lines: string[] = [];
  let bytes = 0;
  const push = (line: string) => {
    lines.push(line);
    bytes += Buffer.byteLength(line, 'utf8') + 1;
  };
  const para = () => push(paragraph(rand, Math.max(1, options.sentencesPerParagraph + between(rand, -2, 2))));
  const paras = (lo: number, hi: number) => {
    for (let n = between(rand, lo, hi); n > 0; n--) para();
  };
  /** 一是…。二是…。 (word 是) and now and then a nested 一要 list under a point. */
  const points = (word: string, depth: number) => {
    const count = between(rand, 2, 5);
    for (let i = 1; i <= count; i++) {
      push(`${INDENT}${CN[i]}${word}${pick(rand, VERBS)}${pick(rand, OBJECTS)}。${paragraph(rand, between(rand, 1, 4)).slice(INDENT.length)}`);
      if (depth === 0 && rand() < 0.12) points('要', 1);
    }
  };
  /** The body under a heading: paragraphs, maybe points, maybe sub-headings. */
  const body = (level: number) => {
    paras(1, 2);
    if (rand() < POINTS) points('是', 0);
    if (level >= 4 || rand() >= SUB_HEADINGS[level]) {
      paras(0, 1);
      return;
    }
    const count = between(rand, 2, 3);
    for (let i = 1; i <= count; i++) {
      const title = headingTitle(rand);
      const runIn = rand() < 0.4; // （一）强化……，坚决……。要坚持……
      const tail = runIn ? `。${paragraph(rand, between(rand, 1, 3)).slice(INDENT.length)}` : '';
      const indent = rand() < 0.7 ? INDENT : '';
      const marker = level === 1 ? `（${CN[i]}）` : level === 2 ? `${i}.` : `（${i}）`;
      push(`${indent}${marker}${title}${tail}`);
      body(level + 1);
    }
  };

  push(`${pick(rand, PLACES)}重要讲话汇编（内部资料）`);
  push('');
  for (let speech = 1; bytes < options.targetBytes; speech++) {
    // Title line of a collection: no clause punctuation, ends in 篇N.
    push(`在${pick(rand, PLACES)}${pick(rand, FIELDS)}${pick(rand, MEETINGS)}上的讲话篇${speech}`);
    push(`（${2020 + (speech % 5)}年${1 + (speech % 12)}月${1 + (speech % 28)}日）`);
    push(`${INDENT}同志们：`);
    paras(2, 3);
    const items = between(rand, 3, 4);
    for (let i = 1; i <= items; i++) {
      push(`${rand() < 0.5 ? INDENT : ''}${CN[i]}、${headingTitle(rand)}`);
      body(1);
    }
    paras(1, 2);
    push('');
  }
  return lines.join('\n');
}

// -------------------------------------------------------------- Markdown twin

export interface MarkdownTwin {
  readonly text: string;
  /** Line of the twin for each line of the plain text. */
  readonly lineMap: Int32Array;
}

/**
 * The same outline as a Markdown document: each heading line becomes
 * `#`×(depth+1) (capped at 6) + space + its marker and title; the rest of a
 * run-in heading line (after the title's 。) follows on its own line, so the
 * peer's symbol names are the same marker + title as ours and not whole
 * paragraphs. Every other line is unchanged.
 */
export function markdownTwin(text: string, outline: Outline): MarkdownTwin {
  const lines = text.split(/\r\n|\r|\n/);
  const byLine = new Map<number, Heading>();
  for (const h of outline.headings) byLine.set(h.line, h);
  const out: string[] = [];
  const lineMap = new Int32Array(lines.length);
  for (let i = 0; i < lines.length; i++) {
    lineMap[i] = out.length;
    const line = lines[i];
    const h = byLine.get(i);
    if (h === undefined) {
      out.push(line);
      continue;
    }
    const hashes = '#'.repeat(Math.min(h.depth + 1, 6));
    out.push(`${hashes} ${line.slice(h.start, h.titleEnd)}`);
    const rest = line.slice(h.titleEnd).replace(/^[。！？；!?;：:\s\u3000]+/, '');
    if (rest.length > 0) out.push(INDENT + rest);
  }
  return { text: out.join('\n'), lineMap };
}
