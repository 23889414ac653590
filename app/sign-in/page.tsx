import { AuthForm } from '../auth-form';

export const metadata = { title: 'Sign in · Multihead' };

export default function SignInPage() {
  return <AuthForm mode="sign-in" />;
}
