import { AccessDeniedContent } from "@/components/shell/access-denied-content";

// forbidden() from a page: inside the shell, so navigation and sign-out stay available.
export default function ConsoleForbidden() {
  return <AccessDeniedContent />;
}
