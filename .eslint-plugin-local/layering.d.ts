import type { Rule } from 'eslint';

export declare const refusal: (file: string, specifier: string) => string | undefined;
declare const rule: Rule.RuleModule;
export default rule;
