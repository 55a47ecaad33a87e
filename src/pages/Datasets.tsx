/**
 * The Datasets page: the three sets the lessons train on (raw text, labelled messages,
 * instruction-response pairs) with counts, label balance and examples, and upload controls for
 * the learner's own files. Works without WebGPU; nothing is sent anywhere.
 */
import { DatasetViewer, UserDataViewer } from '../components/data/DatasetViewer.tsx';
import { UploadData } from '../components/data/UploadData.tsx';
import { ShortcutReport } from '../components/data/ShortcutReport.tsx';
import { WorldViewer } from '../components/data/WorldViewer.tsx';
import { useLab } from '../store/index.ts';

export default function Datasets() {
  const user = useLab((s) => s.userData);
  return (
    <div className="datasets-page">
      <h1>Datasets</h1>
      <p>
        The three training stages differ first in their data. Pretraining reads raw text and learns to continue it.
        Classification finetuning needs messages with a label. Instruction tuning needs requests paired with the answer
        we want. The first three sets below come from real, freely licensed sources; the fourth is invented on purpose. All are stored with the lab, so nothing is
        downloaded while you learn. The README in <code>public/datasets/</code> gives each one's source and licence.
      </p>

      <section className="card" aria-labelledby="ds-corpus">
        <h2 id="ds-corpus">1. Pretraining text: the Brown Corpus</h2>
        <p>
          About a million words of American English printed in 1961, in 500 texts from 15 genres (news, fiction, science,
          humour…). Part-of-speech tags were removed and the punctuation put back in place. Each text is kept whole, and
          whole texts are held out for validation, so the validation loss measures text the model never saw.
        </p>
        <DatasetViewer kind="corpus" />
      </section>

      <section className="card" aria-labelledby="ds-spam">
        <h2 id="ds-spam">2. Labelled messages: the SpamAssassin corpus</h2>
        <p>
          Real e-mails from 2002: ordinary mailing-list mail ("ham", easy and hard) and spam. Each message is its subject
          and the start of its body as plain text, short enough for a small model. There is more ham than spam, so a model
          that always says "ham" would already be right about 70% of the time; the balanced version below removes ham at
          random in each split until both classes are equal, so accuracy means something.
        </p>
        <DatasetViewer kind="spam" />
        <h3>Balanced version (used by the lesson)</h3>
        <DatasetViewer kind="spam-balanced" />
        <h3>What a model could cheat with</h3>
        <p>
          Most of the ham is mailing-list traffic, so replies ("Re:"), list tags ("[zzzzteana]"), quoted headers and
          list footers used to tell the classes apart better than the words did. A model that learns those calls an
          ordinary e-mail spam. The lab's build removes them from both classes. Below, the tokens a simple word-count
          model weighs most, before and after, and how it does on 48 everyday e-mails written for the lab.
        </p>
        <ShortcutReport />
      </section>

      <section className="card" aria-labelledby="ds-instruct">
        <h2 id="ds-instruct">3. Instructions and answers</h2>
        <p>
          Requests in the Alpaca format (instruction, optional input, output) from ten task families. Every answer was
          read off a real source: WordNet's dictionary for definitions, synonyms, antonyms, broader words and example
          sentences; the spam set for "spam or ham?"; and simple rules applied to Brown sentences. Words, sentences and
          messages used for testing never appear in training, and each family has its own grading rule.
        </p>
        <DatasetViewer kind="instruct" />
      </section>

      <section className="card" aria-labelledby="ds-world">
        <h2 id="ds-world">4. A made-up world</h2>
        <p>
          Three hundred invented people, each with a home town, a job and a favourite food. The biographies of two hundred
          of them are mixed into the pretraining text (most of what a lesson-1 run reads), so the model can learn them. Half
          of those two hundred are also asked about in the instruction set; the other half never are; the last hundred
          appear nowhere in training. Lesson 1 watches the facts arrive; lesson 3 asks about each kind of person.
        </p>
        <WorldViewer />
      </section>

      <section className="card" aria-labelledby="ds-yours">
        <h2 id="ds-yours">Your own data</h2>
        <p>
          Load a file of your own to train on instead. It is read and checked here in your browser and never leaves your
          device. If something is wrong, you will see the file, the line and the problem.
        </p>
        <UploadData kind="pretrain" />
        {user.pretrain && <UserDataViewer data={user.pretrain} />}
        <UploadData kind="classify" />
        {user.classify && <UserDataViewer data={user.classify} />}
        <UploadData kind="instruct" />
        {user.instruct && <UserDataViewer data={user.instruct} />}
      </section>
    </div>
  );
}
