/**
 * Lesson 2's prose as data: spam classification finetuning. What changes from pretraining, why the
 * class is read at the last token, what each choice of trainable parameters does, what LoRA is,
 * and how to read the results. Written in the lab's own words from the facts of ../shared/seeds/;
 * rendered by src/components/lesson/Prose.tsx. Data only: no code paths, no engine imports.
 */
import type { Lesson } from '../types.ts';

export const CLASSIFY_LESSON: Lesson = {
  id: 'classify',
  path: 'lesson/classify',
  title: 'Lesson 2: Spam classification',
  summary:
    'Take a pretrained model, swap its word-predicting output for a two-way spam / not-spam head, and train it on labelled e-mails until it becomes a narrow but reliable specialist.',
  sections: [
    {
      id: 'what-changes',
      title: 'What changes after pretraining',
      blocks: [
        {
          kind: 'p',
          text: 'In lesson 1 the model learned from raw text with nobody telling it anything: every next token was its own answer key. Here the data comes with answers written down by people. Each e-mail carries a label, spam or ham (ham is the usual name for wanted mail), and the model is trained to produce that label.',
        },
        {
          kind: 'list',
          items: [
            'Data: a few thousand labelled messages instead of a large pile of unlabelled text.',
            'Output: two scores, one per class, instead of a score for every token of the vocabulary.',
            'Loss: cross-entropy on one prediction per message (the label), not on every position.',
            'Goal: a specialist that does one job well. It will not write text any more; it only sorts messages.',
          ],
        },
        {
          kind: 'note',
          tone: 'idea',
          title: 'Why start from a pretrained model at all?',
          text: 'Pretraining already taught the network how words and phrases relate. A spam detector built on top of that only has to learn which of those patterns mark spam, so it needs far fewer labelled examples than one trained from nothing.',
        },
      ],
    },
    {
      id: 'new-head',
      title: 'A new head with two outputs',
      blocks: [
        {
          kind: 'p',
          text: 'The pretrained GPT ends in a language-model head: a matrix that turns each position\'s hidden vector (C numbers) into V scores, one per vocabulary token. For classification we drop that head and put a fresh, randomly initialised one in its place: a C × 2 matrix and two biases, giving one score for ham and one for spam. A softmax turns the two scores into probabilities.',
        },
        {
          kind: 'term',
          term: 'classification head',
          text: 'A small output layer that maps a hidden vector to one score per class. Here it has 2 × C weights and 2 biases, a tiny fraction of the model.',
        },
        {
          kind: 'p',
          text: 'Everything below the head (embeddings, transformer blocks, final LayerNorm) is the pretrained network, unchanged at the start. Which of those parts are allowed to keep learning is the choice you make further down.',
        },
      ],
    },
    {
      id: 'last-token',
      title: 'Why the label is read at the last token',
      blocks: [
        {
          kind: 'p',
          text: 'The transformer produces a hidden vector at every position of the message, but the head needs exactly one vector per message. We take the one at the last real token (the end-of-text marker the lab appends) and compute the loss only there.',
        },
        {
          kind: 'p',
          text: 'The reason is the causal mask. In a GPT each position may only attend to itself and to positions before it; that is what made next-token training possible. So the vector at position 5 knows nothing about tokens 6, 7 and onwards. Only the final position has looked at the whole message, which makes it the one place where a verdict about the entire e-mail can be formed. (A message longer than the context is cut to fit, keeping the subject and the start of the body, and the end marker is always kept.)',
        },
        {
          kind: 'note',
          tone: 'try',
          title: 'Experiment: read the first token instead',
          text: 'Switch the read position to "first" and train again. The first position has seen only the first token, usually a word of the subject line, so the head must guess from almost nothing. Compare the two rows of the run table.',
        },
      ],
    },
    {
      id: 'baseline',
      title: 'First, just ask the base model',
      blocks: [
        {
          kind: 'p',
          text: 'Before training anything, try the obvious shortcut: show the base model a message followed by a question asking whether it is spam, and see which answer it finds more likely to come next. A base model was only ever trained to continue text, not to follow requests, and a model this small has no idea what spam is, so its answers land close to a coin toss on our balanced test set, where half the messages are spam.',
        },
        {
          kind: 'p',
          text: 'That near-chance score is the reason for this lesson: the knowledge inside the network has to be connected to the question through a head trained on labelled examples.',
        },
      ],
    },
    {
      id: 'choices',
      title: 'What to train',
      blocks: [
        {
          kind: 'p',
          text: 'The new head always trains: it starts random and must learn. For the rest of the network you choose how much may change. Freezing a part means its weights get no updates; the lab then also skips computing gradients that nothing would use, so frozen runs are faster.',
        },
        {
          kind: 'term',
          term: 'head only',
          text: 'Only the two-class head learns. The pretrained network is a fixed feature extractor and the head draws a straight line through its features. Cheapest, and a good test of how useful the pretrained features already are.',
        },
        {
          kind: 'term',
          term: 'last block + final norm + head',
          text: 'The top transformer block and the final LayerNorm adapt as well, so the features right under the head can be reshaped for the task. Usually a big gain over head only for a modest cost, and a common choice for large models whose lower layers already know the kind of text being classified.',
        },
        {
          kind: 'term',
          term: 'all layers',
          text: 'Every weight may change. The most flexible choice and the most expensive (gradients and optimizer state for the whole model), and with little data it can drift away from what pretraining taught. It is this lesson\'s default: the small base model learned from book prose, not email, so its lower layers need to adapt too, and at this size a step that updates everything costs little more than one that updates the last block.',
        },
        {
          kind: 'term',
          term: 'LoRA, rank r',
          text: 'The original weights stay frozen; small low-rank adapters are added beside the attention and MLP matrices of every block and trained together with the head.',
        },
      ],
    },
    {
      id: 'lora',
      title: 'What LoRA is',
      blocks: [
        {
          kind: 'p',
          text: 'LoRA (low-rank adaptation) is a way to finetune with very few trainable numbers. Take a weight matrix W of shape out × in. Instead of learning a full change to W, LoRA learns two thin matrices: A with r rows of length in, and B with out rows of length r. Their product B·A has the same shape as W but is described by only r × (in + out) numbers. The layer then computes with W + (α / r)·B·A, where W itself never changes.',
        },
        {
          kind: 'list',
          items: [
            'B starts at zero, so on step 0 the adapted model is exactly the pretrained one.',
            'A small rank r (4 or 8 here) is enough for many tasks: the change finetuning needs tends to be simple.',
            'After training, B·A can be added into W once, leaving an ordinary model with no extra cost at run time.',
            'Adapters are small: one base model can serve many tasks, each with its own adapter, instead of one full copy of the model per task.',
          ],
        },
        {
          kind: 'note',
          tone: 'idea',
          title: 'Same goal, cheaper route',
          text: 'In principle LoRA aims at the same result as letting every weight move; what changes is the bill, because only a sliver of the numbers is trained. The run table lets you check how much accuracy, if any, that costs here.',
        },
      ],
    },
    {
      id: 'results',
      title: 'Reading the results',
      blocks: [
        {
          kind: 'p',
          text: 'While training, watch the loss fall and the accuracy rise, on the training batches and on the validation split the model never trains on. If training accuracy keeps climbing while validation accuracy stalls, the model is memorising its examples.',
        },
        {
          kind: 'term',
          term: 'accuracy',
          text: 'The share of test messages given the right label.',
        },
        {
          kind: 'term',
          term: 'precision (of a class)',
          text: 'Of the messages the model put in this class, the share that really belong there. Low precision for spam means good mail is being thrown away.',
        },
        {
          kind: 'term',
          term: 'recall (of a class)',
          text: 'Of the messages that really belong to this class, the share the model found. Low recall for spam means spam slips through.',
        },
        {
          kind: 'term',
          term: 'confusion matrix',
          text: 'A 2 × 2 table counting messages by true class (rows) and predicted class (columns). The diagonal holds the right answers; the two other cells are the two kinds of mistake.',
        },
        {
          kind: 'note',
          tone: 'try',
          title: 'Try your own message',
          text: 'Type any text into the box and see how likely the trained classifier thinks it is spam. Reword a message a little (add "FREE!!!", remove a link) and watch the probability move.',
        },
      ],
    },
    {
      id: 'everyday',
      title: 'A second test from outside the corpus',
      blocks: [
        {
          kind: 'p',
          text: 'The test split comes from the same place as the training data: e-mail collected around 2002, where most good mail was mailing-list traffic about software. A high score there says the model learned that collection well. It does not say the model will sort the mail you get today. So every run here is also scored on a second, small set: ordinary messages written for this lab (meeting notes, family plans, parcel scams, fake invoices) that the model never trains on.',
        },
        {
          kind: 'term',
          term: 'domain shift',
          text: 'The gap between the data a model was trained and tested on and the data it meets in use. A model can score very well on its own test split and still fail on messages of another time, place or style. Evaluate on data that looks like the job, not only on the benchmark that came with the corpus.',
        },
        {
          kind: 'term',
          term: 'shortcut',
          text: 'A feature that separates the classes in the collected data but has nothing to do with the task: in this corpus, a "Re:" subject or a mailing-list tag used to mean "not spam". The Datasets page lists what a simple word-count model leans on, before and after the cleaning that removed those marks.',
        },
        {
          kind: 'note',
          tone: 'try',
          title: 'Add your own messages',
          text: 'Type a message into the box above and add it as ham or spam: it joins the everyday split (kept only in this browser), and the finished classifier is scored on it at once. Compare your two numbers: the drop from the first to the second is domain shift, measured on your own model.',
        },
      ],
    },
    {
      id: 'your-data',
      title: 'Your own labelled data',
      blocks: [
        {
          kind: 'p',
          text: 'You can train on your own messages instead: a CSV or TSV with a label column (spam or ham, or 1 or 0) and a text column. The upload control sits in the training panel, beside the choice of data. The file is checked in the browser; any problem is listed right under the control with its file, line and field, and a rejected file changes nothing.',
        },
      ],
    },
  ],
};
