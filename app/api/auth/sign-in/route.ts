import { signIn } from '@/server/access/auth-routes';

export const dynamic = 'force-dynamic';

export const POST = signIn;
