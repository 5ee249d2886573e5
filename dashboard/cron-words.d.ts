/** Types for the browser module, so the tests (TypeScript) can import it. */
export declare function cronToWords(schedule: string | null | undefined): string | null;
