/** The help texts: the overview and one page per command. */
import { listTasks } from '../../lib/tasks/registry.ts';

const TASK_NAMES = listTasks().map((t) => t.name).join(', ');

/** Commands that have their own help page. */
export const COMMANDS = ['validate', 'run', 'train', 'export', 'grade', 'template', 'help'] as const;
/** A command with a help page. */
export type CommandName = (typeof COMMANDS)[number];

const EXIT_STATUS = `Exit status:
  0  the design is valid (warnings allowed), or the command succeeded
  1  the design has errors, or a run was refused because of the design
  2  bad usage, a file that cannot be read or is not a design document,
     or an internal failure`;

/** `multihead --help`. */
export const OVERVIEW = `multihead — check, run and start Transformer designs (Multihead design documents, JSON)

Usage:
  multihead validate FILE [--json]            diagnostics, shapes, parameters and FLOPs
  multihead run FILE [--seed N] [--json]      validate, then a forward pass on a sample batch
  multihead run FILE --input IN.json [--weights W.safetensors] [--out OUT.json]
                                              the model's outputs on your inputs, as JSON
  multihead train FILE --task NAME --steps N [--seed S] [--out W.safetensors]
                                              train on a built-in task, save the weights
  multihead export FILE --pytorch OUT.zip [--weights W.safetensors]
                                              PyTorch code (model.py) and weights, zipped
  multihead grade ASSIGNMENT DESIGN [--json]  grade a design against an assignment's tests
  multihead template list [--json]            the built-in templates
  multihead template show NAME                a template's document, as JSON on stdout
  multihead help [COMMAND]                    this text, or a command's details
  multihead --version                         the version

Example:
  multihead template show tiny-transformer > t.json && multihead validate t.json

${EXIT_STATUS}
Colour is used on a terminal only, and never when NO_COLOR is set.
`;

const PAGES: Record<CommandName, string> = {
  validate: `Usage: multihead validate FILE [--json]

Checks a design file and infers the shape on every node: diagnostics (errors,
and teaching warnings) with the node they belong to and a hint, a table of
input and output shapes per node, and the parameters and FLOPs per node and in
total (counted without allocating weights, so large designs are instant).

Options:
  --json    one JSON object on stdout: file, valid, summary, diagnostics,
            shapes {nodes, edges}, params {total, nodes}, flops {total, nodes}

${EXIT_STATUS}
`,
  run: `Usage: multihead run FILE [--seed N] [--json]

Validates the design, builds it with seeded weights, and runs one forward pass
in eval mode on a sample batch (the batch size in the design's settings).
Prints each node's output shape with mean, std, min and max, a summary of
every attention map, the parameter count and the time taken. Designs above the
run caps (parameters, largest tensor) are refused with exit status 1.

With --input, runs the model on your inputs instead and writes its outputs
(the nodes whose output feeds nothing, e.g. the head or its softmax) as
{"outputs": {"<node id>": {"shape": [...], "data": [...]}}} to --out or stdout.
Inputs are {"<input node id>": nested lists}: token ids [batch][seq] or values
[batch][seq][features]; a design with one input also takes the bare list.

Options:
  --seed N         seed for the weights and the sample batch (default: the design's seed)
  --json           the run's result as one JSON object on stdout
  --input FILE     run on these inputs (JSON)
  --weights FILE   weights saved by 'multihead train --out' (with --input)
  --out FILE       write the outputs there instead of stdout (with --input)

${EXIT_STATUS}
`,
  train: `Usage: multihead train FILE --task NAME --steps N [--seed S] [--out W.safetensors]

Trains the design on a built-in task for N steps with the design's training
settings (optimiser, learning rate, warm-up, label smoothing) and the task's
batch size, exactly as the editor's Train does: the
same seed gives the same losses. On a terminal a progress bar shows the step,
the loss and the time left; piped, every step and every evaluation is one JSON
line on stdout ({"event": "step" | "evaluation" | "done", ...}).

Tasks: ${TASK_NAMES}

Options:
  --task NAME   the task to learn
  --steps N     optimisation steps (1 to 1,000,000)
  --seed S      seed for the weights, batches and dropout (default: the design's seed)
  --out FILE    save the trained weights as safetensors (PyTorch state_dict names),
                ready for 'multihead run --weights' and 'multihead export --weights'

${EXIT_STATUS}
`,
  export: `Usage: multihead export FILE --pytorch OUT.zip [--weights W.safetensors]

Writes a zip with model.py (a torch.nn.Module that mirrors the design, one
entry per layer under the design's names), weights.safetensors (the design's
initial weights from its seed, or the --weights file), config.json and a
README. 'python model.py --check' needs only torch.

Options:
  --pytorch OUT.zip   where to write the zip
  --weights FILE      weights saved by 'multihead train --out' (default: initial weights)
  --seed S            seed of the initial weights (default: the design's seed)

${EXIT_STATUS}
`,
  grade: `Usage: multihead grade ASSIGNMENT.json DESIGN.json [--json]

Grades a design against an assignment's tests, exactly as the server grades a
submission: every test (visible and hidden) with its points earned out of its
points, pass or fail, what was measured and the assignment's feedback, then
the total. Training tests train with the test's task, steps, seed and learning
rate (progress on stderr); the same files always give the same grade. The
assignment format ("multihead-assignment", version 1) is described in the
README, section "Grading from the command line".

Options:
  --json    the grade report as one JSON object on stdout
            {format: "multihead-grade", version, results: [...], earned, possible}

Exit status:
  0  the design was graded, whatever its score
  2  bad usage, or a file that cannot be read, is not JSON, or is not a valid
     assignment or design (the assignment's problems are listed with their path)
`,
  template: `Usage: multihead template list [--json]
       multihead template show NAME

list  names, titles and one sentence per built-in template ("tiny" ones train in seconds)
show  prints the template's design document as JSON, ready to save and edit:
        multihead template show tiny-transformer > t.json
`,
  help: `Usage: multihead help [COMMAND]

Without COMMAND, the overview; with one of ${COMMANDS.join(', ')}, its details.
`,
};

/** The help page of a command. */
export function commandHelp(name: CommandName): string {
  return PAGES[name];
}

/** Whether a word names a command with a help page. */
export function isCommandName(word: string): word is CommandName {
  return (COMMANDS as readonly string[]).includes(word);
}
