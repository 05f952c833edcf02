/**
 * zod, with Chinese default messages: every schema imports `z` from here, so even an input no
 * custom message foresaw is refused in Chinese.
 */
import { z } from "zod";

z.config(z.locales.zhCN());

export { z };
