import { AuthForm } from '../auth-form';

export const metadata = { title: 'Sign up · Multihead' };

export default function SignUpPage() {
  return <AuthForm mode="sign-up" />;
}
