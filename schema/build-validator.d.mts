// Types of schema/build-validator.mjs, for the test that keeps the generated validator in step.
export declare const out: string;
export declare function validatorSource(schemaText: string): Promise<string>;
