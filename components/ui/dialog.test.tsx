// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Dialog, DialogTitle } from "./dialog";

afterEach(cleanup);

const cancel = (el: HTMLElement) => {
  const event = new Event("cancel", { cancelable: true });
  fireEvent(el, event);
  return event;
};

describe("dialog shell", () => {
  it("is named by its title; Escape asks the owner to close, unless busy", () => {
    const onClose = vi.fn();
    const { rerender } = render(
      <Dialog open onClose={onClose} busy>
        <DialogTitle>Invite user</DialogTitle>
      </Dialog>,
    );
    const dialog = screen.getByRole("dialog", { name: "Invite user" });
    expect(cancel(dialog).defaultPrevented).toBe(true);
    expect(onClose).not.toHaveBeenCalled();
    rerender(
      <Dialog open onClose={onClose}>
        <DialogTitle>Invite user</DialogTitle>
      </Dialog>,
    );
    cancel(dialog);
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it("runs onOpen once shown, and gives focus back to its opener when unmounted while shown", () => {
    const opener = document.createElement("button");
    document.body.append(opener);
    opener.focus();
    const onOpen = vi.fn(() => screen.getByRole("textbox").focus());
    const { unmount } = render(
      <Dialog open onClose={() => undefined} onOpen={onOpen}>
        <DialogTitle>Pause 1 merchant</DialogTitle>
        <input aria-label="Reason" />
      </Dialog>,
    );
    expect(onOpen).toHaveBeenCalledTimes(1);
    expect(document.activeElement).toBe(screen.getByRole("textbox", { name: "Reason" }));
    unmount();
    expect(document.activeElement).toBe(opener);
    opener.remove();
  });
});
