import { NotFoundContent } from "@/components/shell/not-found-content";

// Inside the shell, so navigation and sign-out stay available.
export default function ConsoleNotFound() {
  return <NotFoundContent />;
}
