import { signOut } from '@/server/access/auth-routes';

export const dynamic = 'force-dynamic';

export const POST = signOut;
