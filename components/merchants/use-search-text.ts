"use client";

import { useEffect, useRef, useState } from "react";

/** How long a sent value may take to come back through the URL before it no longer counts as ours. */
const ECHO_MS = 2_000;

/**
 * The search box's text, kept in step with the URL's `q` both ways: typed text is sent
 * (after `delayMs`, folding changes made in one task), and a `q` changed from elsewhere
 * (back, a saved view) refills the box.
 *
 * The URL catches up with each send a moment later, and while someone types several sends
 * are in flight: "or" can come back after "orc" was sent. Such a late echo of our own send
 * must never refill the box (it used to, and "orch" became "orh"), so every sent value is
 * remembered until its echo arrives; only a value we did not send is someone else's.
 */
export function useSearchText(urlQ: string, send: (q: string) => void, delayMs = 0) {
  const [text, setText] = useState(urlQ);
  const sentQ = useRef(urlQ);
  const echoes = useRef<{ q: string; at: number }[]>([]);
  const sendRef = useRef(send);
  sendRef.current = send;

  useEffect(() => {
    const now = Date.now();
    echoes.current = echoes.current.filter((e) => now - e.at < ECHO_MS);
    const i = echoes.current.findIndex((e) => e.q === urlQ);
    if (i >= 0) {
      // Our own send coming back: it and anything sent before it have arrived.
      echoes.current.splice(0, i + 1);
      return;
    }
    if (urlQ !== sentQ.current) {
      sentQ.current = urlQ;
      echoes.current = [];
      setText(urlQ);
    }
  }, [urlQ]);

  useEffect(() => {
    const q = text.trim();
    if (q === sentQ.current) return;
    const timer = setTimeout(() => {
      sentQ.current = q;
      echoes.current.push({ q, at: Date.now() });
      sendRef.current(q);
    }, delayMs);
    return () => clearTimeout(timer);
  }, [text, delayMs]);

  return [text, setText] as const;
}
