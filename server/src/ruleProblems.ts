// User-defined rules the settings pipeline left out (docs/headings.md §10):
// each told once, in the log and in one notification per batch — the
// client's own (tigang/ruleProblems, with a button that opens the setting)
// when it asks for it, else window/showMessage. The other rules keep working.

import type { RuleProblemsParams } from '@tigang/protocol';
import type { RuleError } from './engine/customRules';
import { L10n, ruleErrorMessage } from './l10n';

export interface RuleProblemOutlets {
  /** The server's log (connection.console). */
  log(message: string): void;
  /** One notification for the rules newly left out. */
  notify(params: RuleProblemsParams): void;
}

export class RuleProblemReporter {
  /** Rules already told of: a rule is told of once, however many scopes read it. */
  private readonly told = new Set<string>();

  constructor(
    private readonly l10n: L10n,
    private readonly outlets: RuleProblemOutlets,
  ) {}

  report(errors: readonly RuleError[]): void {
    const fresh = errors.filter((e) => {
      const key = JSON.stringify([e.setting, e.index, e.rule, e.problem]);
      if (this.told.has(key)) return false;
      this.told.add(key);
      return true;
    });
    if (fresh.length === 0) return;
    const problems = fresh.map((e) => ruleErrorMessage(this.l10n, e));
    for (const problem of problems) this.outlets.log(problem);
    this.outlets.notify({ message: this.l10n.t('rules.notification', fresh.length, problems[0]), setting: `tigang.${fresh[0].setting}`, problems });
  }
}
