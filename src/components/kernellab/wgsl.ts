/**
 * WGSL for monaco, as data: a Monarch tokenizer (keywords, types, builtins, attributes, numbers,
 * comments) and the language configuration (comments, brackets, auto-closing). Monaco ships no
 * WGSL; this covers what the lab's kernels use. No monaco import here: the editor module
 * registers it, so this file stays plain data.
 */

export const WGSL_ID = 'wgsl';

const keywords = [
  'alias', 'break', 'case', 'const', 'const_assert', 'continue', 'continuing', 'default', 'diagnostic', 'discard', 'else', 'enable',
  'false', 'fn', 'for', 'if', 'let', 'loop', 'override', 'requires', 'return', 'struct', 'switch', 'true', 'var', 'while',
];

const types = [
  'bool', 'f16', 'f32', 'i32', 'u32', 'vec2', 'vec3', 'vec4', 'vec2f', 'vec3f', 'vec4f', 'vec2i', 'vec3i', 'vec4i', 'vec2u', 'vec3u', 'vec4u',
  'mat2x2', 'mat2x3', 'mat2x4', 'mat3x2', 'mat3x3', 'mat3x4', 'mat4x2', 'mat4x3', 'mat4x4', 'mat4x4f', 'array', 'atomic', 'ptr',
  'sampler', 'texture_2d', 'texture_storage_2d',
];

/** Address spaces and access modes, and the builtin values of @builtin(...). */
const qualifiers = [
  'function', 'private', 'workgroup', 'uniform', 'storage', 'read', 'write', 'read_write',
  'global_invocation_id', 'local_invocation_id', 'local_invocation_index', 'workgroup_id', 'num_workgroups',
];

const builtins = [
  'abs', 'all', 'any', 'arrayLength', 'atomicAdd', 'atomicLoad', 'atomicStore', 'bitcast', 'ceil', 'clamp', 'cos', 'cosh', 'cross', 'dot',
  'exp', 'exp2', 'floor', 'fma', 'fract', 'inverseSqrt', 'length', 'log', 'log2', 'max', 'min', 'mix', 'normalize', 'pow', 'round',
  'select', 'sign', 'sin', 'sinh', 'sqrt', 'step', 'storageBarrier', 'tan', 'tanh', 'trunc', 'workgroupBarrier', 'workgroupUniformLoad',
];

/** Monarch tokens (monaco.languages.IMonarchLanguage, kept structural so this file needs no monaco types). */
export const WGSL_MONARCH = {
  defaultToken: '',
  keywords,
  types,
  qualifiers,
  builtins,
  operators: ['=', '>', '<', '!', '~', '?', ':', '==', '<=', '>=', '!=', '&&', '||', '++', '--', '+', '-', '*', '/', '&', '|', '^', '%', '<<', '>>', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '->'],
  symbols: /[=><!~?:&|+\-*/^%]+/,
  tokenizer: {
    root: [
      // 'tag' (maroon in monaco's light theme) rather than 'annotation', whose grey fails WCAG contrast on white (3.9:1).
      [/@[a-zA-Z_]\w*/, 'tag'],
      [/[a-zA-Z_]\w*/, { cases: { '@keywords': 'keyword', '@types': 'type', '@qualifiers': 'type.identifier', '@builtins': 'predefined', '@default': 'identifier' } }],
      { include: '@whitespace' },
      [/[{}()[\]]/, '@brackets'],
      [/@symbols/, { cases: { '@operators': 'operator', '@default': '' } }],
      [/0[xX][0-9a-fA-F]+[iu]?/, 'number.hex'],
      [/(\d+\.\d*|\.\d+)([eE][-+]?\d+)?[fh]?|\d+[eE][-+]?\d+[fh]?|\d+[fh]/, 'number.float'],
      [/\d+[iu]?/, 'number'],
      [/[;,.]/, 'delimiter'],
    ],
    whitespace: [
      [/[ \t\r\n]+/, ''],
      [/\/\*/, 'comment', '@comment'],
      [/\/\/.*$/, 'comment'],
    ],
    comment: [
      [/[^/*]+/, 'comment'],
      [/\*\//, 'comment', '@pop'],
      [/[/*]/, 'comment'],
    ],
  },
};

/** Comments, brackets and auto-closing pairs (monaco.languages.LanguageConfiguration). */
export const WGSL_CONFIGURATION = {
  comments: { lineComment: '//', blockComment: ['/*', '*/'] as [string, string] },
  brackets: [['{', '}'], ['[', ']'], ['(', ')']] as [string, string][],
  autoClosingPairs: [{ open: '{', close: '}' }, { open: '[', close: ']' }, { open: '(', close: ')' }],
  surroundingPairs: [{ open: '{', close: '}' }, { open: '[', close: ']' }, { open: '(', close: ')' }],
};
