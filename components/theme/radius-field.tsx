"use client";

import { useId } from "react";
import { cn } from "@/components/ui/cn";
import { controlClasses } from "@/components/ui/input";

export const RADIUS_MIN = 0;
export const RADIUS_MAX = 48;

export interface RadiusFieldProps {
  label: string;
  /** Pixels; NaN while the number box is empty. */
  value: number;
  onChange: (value: number) => void;
  onBlur?: () => void;
  error?: string;
  disabled?: boolean;
}

/**
 * A slider from 0 to 48 named `label`, with its number shown in a number box
 * ("<label> in pixels") that also takes typing. The slider cannot leave the
 * range; typing can, and then the shared schema's message shows on the field.
 */
export function RadiusField({ label, value, onChange, onBlur, error, disabled }: RadiusFieldProps) {
  const id = useId();
  const numberId = `${id}-number`;
  const errorId = `${id}-error`;
  const sliderValue = Number.isFinite(value) ? Math.min(RADIUS_MAX, Math.max(RADIUS_MIN, Math.round(value))) : 0;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-fg">
        {label}
      </label>
      <div className="flex items-center gap-3">
        <input
          id={id}
          type="range"
          min={RADIUS_MIN}
          max={RADIUS_MAX}
          step={1}
          value={sliderValue}
          onChange={(e) => onChange(Number(e.target.value))}
          onBlur={onBlur}
          disabled={disabled}
          aria-valuetext={`${sliderValue} pixels`}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          className="h-10 min-w-0 flex-1 cursor-pointer accent-[var(--color-accent)] focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-focus disabled:cursor-not-allowed"
        />
        <label htmlFor={numberId} className="sr-only">
          {label} in pixels
        </label>
        <div className="w-20 shrink-0">
          <input
            id={numberId}
            type="number"
            inputMode="numeric"
            min={RADIUS_MIN}
            max={RADIUS_MAX}
            step={1}
            value={Number.isFinite(value) ? value : ""}
            onChange={(e) => onChange(e.target.value === "" ? Number.NaN : Number(e.target.value))}
            onBlur={onBlur}
            disabled={disabled}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            className={cn(controlClasses, "h-10 tabular-nums")}
          />
        </div>
        <span aria-hidden="true" className="text-sm text-fg-muted">
          px
        </span>
      </div>
      {error ? (
        <p id={errorId} className="text-sm text-danger">
          {label} {error}
        </p>
      ) : null}
    </div>
  );
}
