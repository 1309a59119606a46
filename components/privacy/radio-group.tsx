import { type InputHTMLAttributes, useId } from "react";

/** A set of radio buttons named by its legend (role radiogroup), laid out in a row. */
export function RadioGroup({
  label,
  options,
  inputProps,
}: {
  label: string;
  options: readonly { value: string; label: string }[];
  /** Spread on every radio (react-hook-form's register). */
  inputProps: InputHTMLAttributes<HTMLInputElement>;
}) {
  const legendId = useId();
  return (
    <div role="radiogroup" aria-labelledby={legendId} className="space-y-2">
      <span id={legendId} className="block text-sm font-medium text-fg">
        {label}
      </span>
      <div className="flex flex-wrap gap-x-6 gap-y-2">
        {options.map((o) => (
          <label key={o.value} className="inline-flex items-center gap-2 text-sm text-fg">
            <input
              type="radio"
              value={o.value}
              className="size-4 accent-accent focus-visible:outline-2 focus-visible:outline-focus"
              {...inputProps}
            />
            {o.label}
          </label>
        ))}
      </div>
    </div>
  );
}
