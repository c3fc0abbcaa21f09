/** A text or password input inside its label (the label's text names it for people and for Playwright). */
import type { HTMLInputAutoCompleteAttribute } from 'react';

export interface LabelledInputProps {
  readonly label: string;
  readonly testId: string;
  readonly type?: 'text' | 'password';
  readonly autoComplete: HTMLInputAutoCompleteAttribute;
  readonly value: string;
  readonly onChange: (value: string) => void;
}

export function LabelledInput({ label, testId, type = 'text', autoComplete, value, onChange }: LabelledInputProps) {
  return (
    <label>
      {label}
      <input
        type={type}
        data-testid={testId}
        autoComplete={autoComplete}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </label>
  );
}
