import { me } from '@/server/access/auth-routes';

export const dynamic = 'force-dynamic';

export const GET = me;
