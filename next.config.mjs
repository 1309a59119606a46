/** @type {import('next').NextConfig} */
const nextConfig = {
  // Lets two builds (e.g. two e2e runs) live side by side in one checkout.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  reactStrictMode: true,
  serverExternalPackages: ["better-sqlite3", "pg", "bcryptjs"],
  typescript: { ignoreBuildErrors: false },
  // forbidden(): a page a role may not open renders app/(console)/forbidden.tsx.
  experimental: { authInterrupts: true },
};

export default nextConfig;
