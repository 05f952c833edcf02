import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";

// next-auth 4 types its App Router handler as `any`; this is the shape it has.
type NextAuthRouteHandler = (request: Request, context: { params: Promise<{ nextauth: string[] }> }) => Promise<Response>;

const handler = NextAuth(authOptions) as NextAuthRouteHandler;
export { handler as GET, handler as POST };
