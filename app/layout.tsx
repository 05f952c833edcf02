import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "美丽江西建设重点任务推进管理平台", template: "%s · 美丽江西" },
  description: "《关于全面推进美丽江西建设的实施意见》（赣发〔2024〕8号）重点任务推进管理",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="zh-CN">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">{children}</body>
    </html>
  );
}
