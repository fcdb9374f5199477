// Reads the CEL conditions the KFP SDK writes in `triggerPolicy.condition`: comparisons of task inputs
// (`inputs.parameter_values['pipelinechannel--x']`, optionally in `int(...)`) with constants or other inputs,
// possibly negated as `!(...)`, joined with `&&` (how elif and else branches are written).
import { KfsError } from '../errors/codes';
import type { ComparisonOperator, JsonValue } from '../model/document';

export type CelOperand = { input: string } | { constant: JsonValue };

export interface CelComparison {
  left: CelOperand;
  operator: ComparisonOperator;
  right: CelOperand;
}

export interface CelTerm {
  negated: boolean;
  comparison: CelComparison;
}

class Parser {
  private pos = 0;

  constructor(
    private readonly text: string,
    private readonly where: object,
  ) {}

  private fail(message: string): never {
    throw new KfsError('KFS613', `Condition "${this.text}": ${message} (at character ${this.pos + 1}).`, this.where);
  }

  private skip(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos] as string)) this.pos++;
  }

  private eat(token: string): boolean {
    this.skip();
    if (this.text.startsWith(token, this.pos)) {
      this.pos += token.length;
      return true;
    }
    return false;
  }

  private expect(token: string): void {
    if (!this.eat(token)) this.fail(`expected "${token}"`);
  }

  terms(): CelTerm[] {
    const terms: CelTerm[] = [this.term()];
    while (this.eat('&&')) terms.push(this.term());
    this.skip();
    if (this.pos !== this.text.length) this.fail('unexpected text');
    return terms;
  }

  private term(): CelTerm {
    if (this.eat('!(')) {
      const comparison = this.comparison();
      this.expect(')');
      return { negated: true, comparison };
    }
    return { negated: false, comparison: this.comparison() };
  }

  private comparison(): CelComparison {
    const left = this.operand();
    this.skip();
    const operator = (['==', '!=', '<=', '>=', '<', '>'] as const).find((op) => this.eat(op));
    if (!operator) this.fail('expected a comparison operator');
    const right = this.operand();
    return { left, operator, right };
  }

  private operand(): CelOperand {
    this.skip();
    for (const cast of ['int(', 'double(']) {
      if (this.eat(cast)) {
        this.skip();
        const inner = this.text.startsWith('inputs.', this.pos) ? this.reference() : this.operand();
        this.expect(')');
        return inner;
      }
    }
    if (this.text.startsWith('inputs.', this.pos)) return this.reference();
    const rest = this.text.slice(this.pos);
    if (rest.startsWith("'") || rest.startsWith('"')) {
      const quote = rest[0] as string;
      const end = rest.indexOf(quote, 1);
      if (end < 0) this.fail('unterminated string');
      this.pos += end + 1;
      return { constant: rest.slice(1, end) };
    }
    const word = /^(true|false|-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)/.exec(rest);
    if (!word) this.fail('expected an input, a string, a number or a boolean');
    this.pos += word[0].length;
    const value = word[0] === 'true' ? true : word[0] === 'false' ? false : Number(word[0]);
    return { constant: value };
  }

  private reference(): CelOperand {
    this.skip();
    const match = /^inputs\.parameter_values\[(['"])(.*?)\1\]/.exec(this.text.slice(this.pos));
    if (!match) this.fail("expected inputs.parameter_values['...']");
    this.pos += match[0].length;
    return { input: match[2] as string };
  }
}

export function parseCondition(text: string, where: object = {}): CelTerm[] {
  return new Parser(text, where).terms();
}
