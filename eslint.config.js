// Lint: TypeScript rules plus the layer boundaries of ../shared/STYLE.md, one import rule per
// folder, so the arrows gpu <- kernels <- model <- train <- worker <- store <- components <- pages
// stay true (ARCHITECTURE.md draws them).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// src/lessons/kernels holds the kernel lab's exercises (data): the kernels layer's patterns let it through.
const LESSONS_KERNELS = ['!**/lessons/kernels/*', '!**/lessons/kernels'];
const layer = (files, forbidden, message) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      { patterns: forbidden.map((group) => ({ group: group.includes('/kernels') ? [group, ...LESSONS_KERNELS] : [group], message })) },
    ],
  },
});

const UI = ['react', 'react-dom', 'react-dom/*', 'react-router', 'zustand', 'zustand/*', 'recharts', 'monaco-editor', 'monaco-editor/*'];
const up = (...dirs) => dirs.flatMap((d) => [`**/${d}/*`, `**/${d}`]);

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report', '.cache', '.bench', 'public'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: ['src/**/*.tsx'], plugins: { 'react-hooks': reactHooks }, rules: reactHooks.configs.recommended.rules },
  layer(['src/util/**'], [...UI, '**/../*'], 'src/util holds dependency-free helpers: it imports nothing from the lab.'),
  layer(['src/gpu/**'], [...UI, ...up('kernels', 'model', 'train', 'worker', 'store', 'components', 'lessons', 'pages', 'data')], 'src/gpu is the bottom layer: it imports nothing above it.'),
  layer(['src/kernels/**'], [...UI, ...up('model', 'train', 'worker', 'store', 'components', 'lessons', 'pages', 'data')], 'src/kernels imports only src/gpu.'),
  layer(['src/model/**'], [...UI, ...up('train', 'worker', 'store', 'components', 'lessons', 'pages')], 'src/model imports only gpu and kernels.'),
  layer(['src/data/**'], [...UI, ...up('gpu', 'kernels', 'model', 'train', 'worker', 'store', 'components', 'lessons', 'pages')], 'src/data (datasets and loaders) is plain TypeScript with no GPU or UI.'),
  layer(['src/train/**'], [...UI, ...up('worker', 'store', 'components', 'lessons', 'pages')], 'src/train never imports the worker or the UI.'),
  layer(['src/worker/**'], [...UI, ...up('store', 'components', 'lessons', 'pages')], 'src/worker is a thin adapter around train; it never imports the UI.'),
  layer(['src/store/**'], [...up('gpu', 'kernels', 'components', 'lessons', 'pages'), 'react-dom', 'recharts', 'monaco-editor'], 'src/store never touches GPU internals or presentation.'),
  layer(['src/components/**'], up('gpu', 'kernels', 'model', 'train', 'worker', 'pages'), 'src/components is presentation: it reads the store, never the engine.'),
  // The command line reads its defaults from the lessons' recipes (data), so the page and the CLI train the same recipe.
  layer(['src/cli/**'], [...UI, ...up('worker', 'store', 'components', 'pages')], 'src/cli runs the engine in Node: no worker, no UI.'),
  layer(['src/lessons/**'], [...UI, ...up('gpu', 'kernels', 'worker', 'store', 'components', 'pages')], 'src/lessons is data: prose, recipes and questions.'),
  // A recipe is typed with the engine's own types (FreezeChoice, ReadAt, presets), but a lesson runs no engine code.
  {
    files: ['src/lessons/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: up('model', 'train'), allowTypeImports: true, message: 'src/lessons is data: it may import the engine\'s types, never its code.' }] },
      ],
    },
  },
  layer(['src/pages/**'], up('gpu', 'kernels', 'model', 'worker'), 'src/pages composes components and the store; it never reaches the engine.'),
);
